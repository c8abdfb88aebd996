-- next_expiry now also holds the instant at which daysSinceLastOrder turns a day. Rows written before
-- hold only their windows' next change (NULL once every order has left the 365-day window), so their
-- recency would stay frozen: make every doctor with an order due, and the first sliding pass recomputes
-- it (asOf never goes back and is never ahead of the clock, so as_of is due).
UPDATE doctor_features SET next_expiry = as_of WHERE has_orders;
