// Tests for the gf256 module live here.
