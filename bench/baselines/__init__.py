"""Programs the benchmark runs as separate processes, by file path (never imported).

bare_merge.py   the build baseline: a docxcompose merge of the pieces ho21 puts together
                (with ho21's style shortcut; --stock without it)
floor.py        the floor: lxml parse + serialise + zip of the finished innkalling
typer_hello.py  the start-up baseline: a Typer hello-world
rusage.py       not a baseline: runs each measured command and reports its time, CPU and peak memory
soffice_shim.sh not a baseline: put first on PATH as soffice/libreoffice, it logs each LibreOffice start
"""
