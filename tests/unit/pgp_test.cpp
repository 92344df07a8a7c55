// Tests for the pgp module live here.
