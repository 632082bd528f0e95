"""FastAPI service over the index and the store (not built yet: no open issue asks for it)."""
