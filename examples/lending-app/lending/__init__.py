"""A small retail-lending application: loan decisions over the lending book's database."""
