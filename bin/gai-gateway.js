#!/usr/bin/env node
'use strict';
require('./run')('tools/gateway', 'main');
