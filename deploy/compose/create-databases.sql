-- feature-service and segment-service each own a database; their migrations create the tables.
CREATE DATABASE features;
CREATE DATABASE segments;
