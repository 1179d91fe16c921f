package dev.uplift.results;

import com.carrotsearch.hppc.IntLongHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The revenue of one goal's converters in a segment index: per entry ordinal, the
 * visitor's revenue to date in cents, orders and orders left out, as their conversion row
 * holds them. Only converters with revenue or orders are kept, in a bitmap besides, so
 * that a segment's sum visits those alone. Not thread-safe: {@link SegmentIndex} guards
 * it.
 */
final class IndexedRevenue {

	private final RoaringBitmap members = new RoaringBitmap();

	private final IntLongHashMap cents = new IntLongHashMap();

	private final IntLongHashMap orders = new IntLongHashMap();

	private final IntLongHashMap excludedOrders = new IntLongHashMap();

	/**
	 * Sets the converter's revenue to date, replacing what was set before; returns the
	 * change, as a tally of the variant.
	 */
	RevenueTally set(int variant, int member, long cents, long orders, long excludedOrders) {
		long oldCents = this.cents.get(member);
		RevenueTally change = new RevenueTally(variant, cents - oldCents, orders - this.orders.get(member),
				(double) cents * cents - (double) oldCents * oldCents,
				excludedOrders - this.excludedOrders.get(member));
		if (cents == 0 && orders == 0 && excludedOrders == 0) {
			if (this.members.checkedRemove(member)) {
				this.cents.remove(member);
				this.orders.remove(member);
				this.excludedOrders.remove(member);
			}
			return change;
		}
		this.members.add(member);
		put(this.cents, member, cents);
		put(this.orders, member, orders);
		put(this.excludedOrders, member, excludedOrders);
		return change;
	}

	private static void put(IntLongHashMap map, int member, long value) {
		if (value == 0) {
			map.remove(member);
		}
		else {
			map.put(member, value);
		}
	}

	/** Those of these converters that have revenue or orders. */
	RoaringBitmap among(RoaringBitmap converters) {
		return RoaringBitmap.and(converters, this.members);
	}

	/**
	 * The revenue of these payers of the variant (converters taken through
	 * {@link #among}), with the sum of each one's squared revenue in cents.
	 */
	RevenueTally sum(int variant, RoaringBitmap payers) {
		long revenue = 0;
		long counted = 0;
		long excluded = 0;
		double squares = 0;
		for (int member : payers) {
			long visitor = this.cents.get(member);
			revenue += visitor;
			squares += (double) visitor * visitor;
			counted += this.orders.get(member);
			excluded += this.excludedOrders.get(member);
		}
		return new RevenueTally(variant, revenue, counted, squares, excluded);
	}

	/** For the memory figure: the bitmap's bytes and the maps' slots. */
	long sizeInBytes() {
		return this.members.getLongSizeInBytes()
				+ 12L * (this.cents.keys.length + this.orders.keys.length + this.excludedOrders.keys.length);
	}

}
