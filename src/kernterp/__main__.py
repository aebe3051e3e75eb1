"""python -m kernterp: every kernel on example data, against its reference."""

from kernterp._demo import main

if __name__ == "__main__":
    raise SystemExit(main())
