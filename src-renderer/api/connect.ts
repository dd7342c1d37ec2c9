// The window's first script (index.html runs it before main.tsx): connects to the back end — the Electron
// bridge, or the headless host with the token in the address — and so sends the first request at once,
// before React and the screens are evaluated. Without a back end, main.tsx says how to open the app.
import { connectClient } from './client.js';
import { connect } from './context.js';

const client = connectClient();
if (client) connect(client, client);
