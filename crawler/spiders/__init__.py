"""Scrapy spiders of vonnis (SPIDER_MODULES in crawler/settings.py)."""
