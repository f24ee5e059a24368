from ho21cli.cli.app import run

run()
