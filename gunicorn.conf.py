"""gunicorn's settings for every way the portal is served: `make run` (config.serve passes this file), production as
the README shows and the benchmarks (gunicorn reads ./gunicorn.conf.py from the folder it starts in, the project's).
How many workers to run stays on each command line: it depends on the machine."""

# gunicorn's default (4094 bytes) answered a bare 414, not the portal's Thai page, to addresses the portal and its
# admin make themselves: ?next= through the login and the admin's _changelist_filters carry a whole address,
# percent-encoded once more (each %XX becomes %25XX), and a Thai letter already takes 9 bytes once encoded. 8190 is
# gunicorn's maximum and what nginx in front accepts by default (large_client_header_buffers 8k), so the two refuse
# the same requests.
limit_request_line = 8190
