# Sieve's pytest collector.
