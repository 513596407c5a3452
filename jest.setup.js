// Tests build stacks directly, outside main.ts's synth: switch cdktf's token stack traces off the same way (see the module).
require('./stacks/token-stack-traces').disableTokenStackTraces();
