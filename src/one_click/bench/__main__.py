from one_click.bench.cli import main

main()
