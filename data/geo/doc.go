// Package geo handles coordinates for places in Sweden: it reads what users
// paste from Lantmäteriet, Trafikverket or Google Maps (decimal degrees,
// degrees-minutes-seconds or SWEREF 99 TM), converts between WGS84 and
// SWEREF 99 TM with Lantmäteriet's Gauss–Krüger formulas, formats points for
// display, measures distances and tells whether a point lies in Sweden or in
// Västmanland county, so a reported deficiency can be placed on the map and
// checked before it is submitted.
//
// Besides the standard library it uses only package problem: errors meant
// for people are *problem.Problem values (data.Problem to the rest of the
// program) whose messages are translated in assets/translations/geo.*.json.
// It does not import package data, which imports it for the point of a
// submission.
package geo
