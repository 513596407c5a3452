#!/usr/bin/env node
'use strict';
require('./run')('tools/new-env', 'main');
