export const id = 689;
export const ids = [689];
export const modules = {

/***/ 2689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openStore: () => (/* reexport safe */ _layout_js__WEBPACK_IMPORTED_MODULE_0__.Ch)
/* harmony export */ });
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5891);





/***/ })

};
