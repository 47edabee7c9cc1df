"""Operator tooling: deploy the stack and the site, tear it down (boto3 and sam)."""
