#!/bin/sh
# Counts LibreOffice starts (bench/suite.py): copied as soffice and libreoffice into a folder put
# first on PATH, it logs its process id to $HO21_BENCH_SOFFICE_LOG and runs the real program.
echo "$$" >> "$HO21_BENCH_SOFFICE_LOG"
case "${0##*/}" in
libreoffice) exec "$HO21_BENCH_REAL_LIBREOFFICE" "$@" ;;
*) exec "$HO21_BENCH_REAL_SOFFICE" "$@" ;;
esac
