/**
 * Stage {@code report}: one self-contained HTML page (and PNG files) that shows what a run
 * produced, beside a baseline and the champion in service.
 */
package io.imdbrnn.report;
