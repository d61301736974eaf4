/**
 * What every resource shares: the JSON error shape {@link io.earshot.web.ApiError}, the
 * {@link io.earshot.web.ApiException} that carries it, and the mappers that keep Java names and stack
 * traces away from clients.
 */
package io.earshot.web;
