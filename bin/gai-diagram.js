#!/usr/bin/env node
'use strict';
require('./run')('tools/diagram', 'run');
