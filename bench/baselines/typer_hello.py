"""A Typer hello-world: the floor for a Typer command's start-up."""

import typer

app = typer.Typer(add_completion=False)


@app.callback()
def main() -> None:
    """Say hello."""


@app.command()
def hello(name: str) -> None:
    """Greet NAME."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
