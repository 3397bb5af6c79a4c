#!/usr/bin/env node
console.log("tc-emulator");
