"""Search indexes: Elasticsearch and the embedded backend."""
