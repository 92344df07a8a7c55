// Tests for the share_set module live here.
