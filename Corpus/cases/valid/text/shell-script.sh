#!/bin/sh
set -eu
echo "hello from the corpus"
