#!/usr/bin/env node
'use strict';
require('./run')('tools/sandbox', 'main');
