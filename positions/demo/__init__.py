"""Demo data shipped with the product: topics, actors and corpora (`manage.py load_demo`)."""
