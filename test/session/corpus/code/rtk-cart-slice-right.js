// Models bradtraversy/proshop-v2 frontend/src/slices/cartSlice.js: the cart is persisted to
// localStorage through reducers too, but it holds no credentials. Nothing to report.
import { createSlice } from '@reduxjs/toolkit';

const initialState = localStorage.getItem('cart') ? JSON.parse(localStorage.getItem('cart')) : { cartItems: [], shippingAddress: {}, paymentMethod: 'PayPal' };

const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    addToCart: (state, action) => {
      state.cartItems = [...state.cartItems, action.payload];
      localStorage.setItem('cart', JSON.stringify(state));
    },
    saveShippingAddress: (state, action) => {
      state.shippingAddress = action.payload;
      localStorage.setItem('cart', JSON.stringify(state));
    },
    savePaymentMethod: (state, { payload }) => {
      state.paymentMethod = payload;
      localStorage.setItem('paymentMethod', JSON.stringify(payload));
    },
  },
});

export const { addToCart, saveShippingAddress, savePaymentMethod } = cartSlice.actions;
export default cartSlice.reducer;
