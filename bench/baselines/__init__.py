"""Programs the benchmark runs as separate processes, by file path (never imported).

bare_merge.py   the build baseline: a plain docxcompose merge of already-rendered .docx files
typer_hello.py  the start-up baseline: a Typer hello-world
soffice_shim.sh not a baseline: put first on PATH as soffice/libreoffice, it logs each LibreOffice start
"""
