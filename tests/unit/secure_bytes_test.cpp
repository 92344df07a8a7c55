// Tests for the secure_bytes module live here.
