"""Label Studio round trip via label-studio-sdk (not built yet: no open issue asks for it)."""
