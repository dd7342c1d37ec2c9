// Finding the program a startup entry runs in the command line it stores: Windows (`"C:\Program Files\A B\
// x.exe" /run`, unquoted paths with spaces, `\SystemRoot\…`, `\??\C:\…`) and Unix (`/usr/bin/x --flag`,
// quoted words, systemd's `-@:+!` prefixes, `env VAR=1 prog`).

/** The executable a Windows command line starts, as written (environment variables left as they are). */
export function windowsExecutable(commandLine: string | null): string | null {
  if (!commandLine) return null;
  let text = commandLine.trim();
  if (text === '') return null;
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    text = end > 0 ? text.slice(1, end) : text.slice(1);
  } else {
    // An unquoted path may hold spaces: it runs to the first `.exe` (or other program extension) that ends a word.
    const match = /^(.*?\.(?:exe|com|bat|cmd|scr|dll|ps1|vbs|js|msi|lnk))(?=\s|,|$)/i.exec(text);
    text = match ? match[1]! : text.split(/\s+/)[0]!;
  }
  text = text.replace(/^\\\?\?\\/, '').replace(/^\\SystemRoot\\/i, '%SystemRoot%\\');
  return /^system32\\/i.test(text) ? `%SystemRoot%\\${text}` : text;
}

/** The words of a Unix command line, with single and double quotes and backslashes honoured. */
export function unixWords(commandLine: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < commandLine.length; i += 1) {
    const char = commandLine[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < commandLine.length) current += commandLine[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < commandLine.length) {
      current += commandLine[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** The program a Unix command line runs: past `env VAR=…`, `nohup`, `sh -c` is left as `sh` (its script is in the command line). */
export function unixExecutable(commandLine: string | null): string | null {
  if (!commandLine) return null;
  const words = unixWords(commandLine.trim());
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) i += 1;
    else if (word === 'env' || word.endsWith('/env') || word === 'nohup' || word.endsWith('/nohup') || word === 'exec') i += 1;
    else return word;
  }
  return null;
}

/** A word as a command line would hold it: in double quotes when it has spaces (and is not quoted already). */
export function quoteIfSpaced(word: string): string {
  return /\s/.test(word) && !word.startsWith('"') ? `"${word.replace(/"/g, '\\"')}"` : word;
}
