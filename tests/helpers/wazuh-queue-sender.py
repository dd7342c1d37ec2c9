# Sends lines to a Wazuh manager's analysis queue (queue/sockets/queue, a Unix datagram socket) the way
# wazuh-remoted hands it what an agent's logcollector read from a file: "1:[ID] (NAME) any->LOCATION:LINE"
# (queue 1 is LOCALFILE_MQ). Reads "ID<TAB>NAME<TAB>LOCATION<TAB>LINE" on standard input, one per line;
# prints "sent N" after each, so the caller knows what has reached the socket. Node has no Unix datagram
# sockets: this is the tests' stand-in for the agent-to-manager path, nothing more.
import socket
import sys
import time

path = sys.argv[1]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for attempt in range(600):
    try:
        sock.connect(path)
        break
    except OSError:
        time.sleep(0.05)
else:
    sys.exit(f"cannot connect to {path}")

sent = 0
for raw in sys.stdin:
    agent_id, name, location, line = raw.rstrip("\n").split("\t", 3)
    sock.send(f"1:[{agent_id}] ({name}) any->{location}:{line}".encode())
    sent += 1
    print(f"sent {sent}", flush=True)
