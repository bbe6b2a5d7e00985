from one_click.simulate.cli import main

main()
