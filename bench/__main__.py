"""`python -m bench`: run every benchmark module's main()."""

from bench import reports

if __name__ == "__main__":
    reports.main()
