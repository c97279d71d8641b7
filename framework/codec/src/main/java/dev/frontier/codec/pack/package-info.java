/**
 * Packing of small unsigned integer codes (1 to 16 bits wide) into bytes and back.
 *
 * <p>Bit order is little-endian throughout: the first code occupies the lowest bits of the first
 * byte, and a code that straddles a byte boundary continues in the low bits of the next byte. This
 * is the layout the Frontier model file format stores packed codes, gaps and bitmasks in.
 */
package dev.frontier.codec.pack;
