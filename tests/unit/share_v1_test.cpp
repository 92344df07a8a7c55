// Tests for the share_v1 module live here.
