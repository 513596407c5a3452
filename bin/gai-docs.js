#!/usr/bin/env node
'use strict';
require('./run')('tools/security-review-doc', 'main');
