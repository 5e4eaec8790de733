"""Demo content for the fictional Northmere Council, loaded by ``manage.py load_demo_content``.

The text is written for this project. Every time limit agrees with docs/statutory-rules.md (the
Children and Families Act 2014, the SEND Regulations 2014 and the SEND Code of Practice 2015)."""
