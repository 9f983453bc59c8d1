"""python -m claims_cli"""

from .cli import main

main()
