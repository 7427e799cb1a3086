"""JiXiao (绩效): performance management for market-regulation bureaus."""

__version__ = "0.1.0"
