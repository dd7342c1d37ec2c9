// Hosts that many unrelated people use (file sharing, messaging, app stores, code hosting, link
// shorteners). A feed that names one of them — often by pasting a download link — would make every visit
// to it look like stalkerware, so importers leave such indicators out and say so.
const SHARED_HOSTS = new Set([
  'google.com', 'drive.google.com', 'docs.google.com', 'sites.google.com', 'play.google.com', 'googleapis.com',
  'storage.googleapis.com', 'firebasestorage.googleapis.com', 'youtube.com', 'youtu.be',
  't.me', 'telegram.me', 'telegram.org', 'wa.me', 'whatsapp.com', 'facebook.com', 'instagram.com', 'twitter.com', 'x.com',
  'discord.com', 'discord.gg', 'cdn.discordapp.com',
  'github.com', 'gist.github.com', 'raw.githubusercontent.com', 'gitlab.com', 'bitbucket.org', 'sourceforge.net',
  'dropbox.com', 'dl.dropboxusercontent.com', 'mediafire.com', 'mega.nz', 'box.com', 'wetransfer.com', 'pastebin.com',
  'apple.com', 'apps.apple.com', 'icloud.com', 'microsoft.com', 'live.com', 'onedrive.live.com', '1drv.ms',
  'amazonaws.com', 's3.amazonaws.com', 'cloudfront.net', 'blogspot.com', 'wordpress.com',
  'bit.ly', 'tinyurl.com', 'goo.gl', 'apkpure.com', 'uptodown.com', 'apkmirror.com',
]);

export function isSharedHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  return SHARED_HOSTS.has(name) || (name.startsWith('www.') && SHARED_HOSTS.has(name.slice(4)));
}
