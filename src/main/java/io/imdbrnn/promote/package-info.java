/**
 * Stage {@code promote}: champion/challenger. A candidate replaces the model in service only if it
 * is not worse on the same reviews; every decision is logged, and a rollback restores the previous
 * champion.
 */
package io.imdbrnn.promote;
