"""The shared job queue: jobs, progress and results in Redis; model work taken by `briefing worker`.

Used only when BRIEFING_REDIS_URL is set; without it the service keeps jobs in its own memory.
"""
