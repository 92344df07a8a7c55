// Tests for the base32 module live here.
