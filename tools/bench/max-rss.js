// Preloaded (`node -r`) into a measured child: at exit, writes the process's own peak resident set
// (KiB, `process.resourceUsage().maxRSS`) to $BENCH_MAX_RSS_FILE. Polling /proc can miss the last
// milliseconds before exit; this cannot.
const fs = require('fs');

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) {
  process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
