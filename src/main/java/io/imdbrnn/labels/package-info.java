/** The classes of a labeled text dataset: the user's labels and their stable index order. */
package io.imdbrnn.labels;
