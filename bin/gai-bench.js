#!/usr/bin/env node
'use strict';
require('./run')('tools/bench', 'main');
