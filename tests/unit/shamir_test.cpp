// Tests for the shamir module live here.
