"""INTEGRA: integrated community, probation and prison services radicalisation prevention platform."""
